//! The sql.js backend: SQLite compiled to WebAssembly, driven through js-sys.
//!
//! This is the only module of the crate that touches JavaScript values. The raw bindings live in
//! the private `ffi` module; everything public returns `Result<_, DbError>` with SQLite's message.
//!
//! sql.js is loaded as a classic script (`sql-wasm.js` defines the global `initSqlJs`), then
//! [`SqlJs::load`] instantiates its WebAssembly from our own server. Integers travel as BigInt
//! when read, so 64-bit values keep every digit.

use super::{DbError, QueryResult, Value};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

mod ffi {
    use js_sys::{Array, Promise, Uint8Array};
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = initSqlJs, catch)]
        pub fn init_sql_js(config: &JsValue) -> Result<Promise, JsValue>;

        pub type JsDatabase;
        #[wasm_bindgen(method, catch)]
        pub fn exec(this: &JsDatabase, sql: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(method, catch)]
        pub fn prepare(this: &JsDatabase, sql: &str) -> Result<JsStatement, JsValue>;
        #[wasm_bindgen(method, catch)]
        pub fn export(this: &JsDatabase) -> Result<Uint8Array, JsValue>;
        #[wasm_bindgen(method, catch)]
        pub fn close(this: &JsDatabase) -> Result<(), JsValue>;
        #[wasm_bindgen(method, js_name = getRowsModified)]
        pub fn get_rows_modified(this: &JsDatabase) -> f64;
        #[wasm_bindgen(method, getter)]
        pub fn filename(this: &JsDatabase) -> String;

        pub type JsStatement;
        #[wasm_bindgen(method, catch)]
        pub fn bind(this: &JsStatement, params: &Array) -> Result<bool, JsValue>;
        #[wasm_bindgen(method, catch)]
        pub fn step(this: &JsStatement) -> Result<bool, JsValue>;
        #[wasm_bindgen(method, catch)]
        pub fn get(
            this: &JsStatement,
            params: &JsValue,
            config: &JsValue,
        ) -> Result<Array, JsValue>;
        #[wasm_bindgen(method, js_name = getColumnNames)]
        pub fn get_column_names(this: &JsStatement) -> Array;
        #[wasm_bindgen(method, catch)]
        pub fn reset(this: &JsStatement) -> Result<bool, JsValue>;
        #[wasm_bindgen(method)]
        pub fn free(this: &JsStatement) -> bool;
    }
}

/// Turns a thrown JavaScript value into a [`DbError`] keeping SQLite's message.
fn sqlite_error(e: JsValue) -> DbError {
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    DbError::Sqlite { message }
}

fn engine_error(e: JsValue) -> DbError {
    match sqlite_error(e) {
        DbError::Sqlite { message } => DbError::Engine(message),
        other => other,
    }
}

/// Integers up to 2^53 bind exactly as numbers; larger ones as decimal text, which SQLite turns
/// back into an integer in an INTEGER column (sql.js has no 64-bit binding).
fn to_js(v: &Value) -> JsValue {
    const EXACT: i64 = 1 << 53;
    match v {
        Value::Null => JsValue::NULL,
        Value::Integer(i) if (-EXACT..=EXACT).contains(i) => JsValue::from_f64(*i as f64),
        Value::Integer(i) => JsValue::from_str(&i.to_string()),
        Value::Real(r) => JsValue::from_f64(*r),
        Value::Text(s) => JsValue::from_str(s),
        Value::Blob(b) => Uint8Array::from(b.as_slice()).into(),
    }
}

fn from_js(v: JsValue) -> Value {
    if v.is_null() || v.is_undefined() {
        Value::Null
    } else if v.is_bigint() {
        // The BigInt came from a SQLite INTEGER, so it fits in an i64.
        let text: String = js_sys::BigInt::unchecked_from_js(v)
            .to_string(10)
            .map(String::from)
            .unwrap_or_default();
        Value::Integer(text.parse().unwrap_or_default())
    } else if let Some(n) = v.as_f64() {
        Value::Real(n)
    } else if let Some(s) = v.as_string() {
        Value::Text(s)
    } else if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        Value::Blob(bytes.to_vec())
    } else {
        Value::Null
    }
}

fn params_array(params: &[Value]) -> Array {
    params.iter().map(to_js).collect()
}

/// The loaded sql.js module: opens databases.
#[derive(Clone)]
pub struct SqlJs {
    module: JsValue,
}

impl SqlJs {
    /// Loads sql.js, fetching its WebAssembly from `wasm_url` (our own server, never a CDN).
    /// `sql-wasm.js` must already have been loaded as a script.
    pub async fn load(wasm_url: &str) -> Result<SqlJs, DbError> {
        let url = wasm_url.to_string();
        let locate = wasm_bindgen::closure::Closure::<dyn Fn(String) -> String>::new(
            move |_file: String| url.clone(),
        );
        let config = Object::new();
        Reflect::set(&config, &"locateFile".into(), locate.as_ref()).map_err(engine_error)?;
        let result = Self::init(&config).await;
        // sql.js has called locateFile by the time it resolves; the closure can go.
        drop(locate);
        result
    }

    /// Loads sql.js from the bytes of `sql-wasm.wasm` (used by tests; nothing is fetched).
    pub async fn load_from_bytes(wasm: &[u8]) -> Result<SqlJs, DbError> {
        let config = Object::new();
        Reflect::set(&config, &"wasmBinary".into(), &Uint8Array::from(wasm))
            .map_err(engine_error)?;
        Self::init(&config).await
    }

    async fn init(config: &Object) -> Result<SqlJs, DbError> {
        let has_init = Reflect::has(&js_sys::global(), &"initSqlJs".into()).unwrap_or(false);
        if !has_init {
            return Err(DbError::Engine(
                "sql-wasm.js is not loaded (initSqlJs is missing)".into(),
            ));
        }
        let promise = ffi::init_sql_js(config).map_err(engine_error)?;
        let module = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(engine_error)?;
        Ok(SqlJs { module })
    }

    fn construct(&self, args: &Array) -> Result<SqlJsDb, DbError> {
        let ctor = Reflect::get(&self.module, &"Database".into()).map_err(engine_error)?;
        let ctor: js_sys::Function = ctor
            .dyn_into()
            .map_err(|_| DbError::Engine("sql.js has no Database constructor".into()))?;
        let db = Reflect::construct(&ctor, args).map_err(sqlite_error)?;
        Ok(SqlJsDb {
            db: db.unchecked_into(),
            closed: false,
            cache: std::cell::RefCell::new(std::collections::HashMap::new()),
        })
    }

    /// Opens a new, empty database.
    pub fn open(&self) -> Result<SqlJsDb, DbError> {
        self.construct(&Array::new())
    }

    /// Opens a database holding a copy of the `.sqlite` file in `bytes`.
    pub fn open_bytes(&self, bytes: &[u8]) -> Result<SqlJsDb, DbError> {
        let db = self.construct(&Array::of1(&Uint8Array::from(bytes)))?;
        // sql.js opens lazily: make a damaged file fail here, not at the first query.
        super::Database::query(&db, "SELECT count(*) FROM sqlite_master", &[])?;
        Ok(db)
    }
}

/// A sql.js database. Closed when dropped.
pub struct SqlJsDb {
    db: ffi::JsDatabase,
    closed: bool,
    /// Statements of [`Database::execute`] and [`Database::query`], kept prepared: the same SQL
    /// runs again and again (the simulator's statements are long), and preparing costs more
    /// than running.
    cache: std::cell::RefCell<std::collections::HashMap<String, ffi::JsStatement>>,
}

/// Statements kept prepared at most; past that the cache is emptied.
const CACHE_CAPACITY: usize = 512;

impl SqlJsDb {
    /// Closes the database and frees its memory inside sql.js.
    pub fn close(mut self) -> Result<(), DbError> {
        self.free_cache();
        self.closed = true;
        self.db.close().map_err(sqlite_error)
    }

    fn free_cache(&self) {
        for (_, stmt) in self.cache.borrow_mut().drain() {
            stmt.free();
        }
    }

    /// Runs `f` on the cached statement of `sql`, preparing it the first time.
    fn with_cached<T>(
        &self,
        sql: &str,
        f: impl FnOnce(&ffi::JsStatement) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let cached = self.cache.borrow_mut().remove(sql);
        let stmt = match cached {
            Some(stmt) => stmt,
            None => self.db.prepare(sql).map_err(sqlite_error)?,
        };
        let result = f(&stmt);
        let mut cache = self.cache.borrow_mut();
        if cache.len() >= CACHE_CAPACITY {
            for (_, old) in cache.drain() {
                old.free();
            }
        }
        // A failed step leaves the statement reset by the next bind; keep it either way.
        cache.insert(sql.to_string(), stmt);
        result
    }
}

impl Drop for SqlJsDb {
    fn drop(&mut self) {
        if !self.closed {
            self.free_cache();
            // Nothing useful can be done with an error while dropping.
            let _ = self.db.close();
        }
    }
}

/// A prepared statement of sql.js. Freed when dropped.
pub struct SqlJsStmt<'a> {
    stmt: ffi::JsStatement,
    db: &'a SqlJsDb,
}

impl Drop for SqlJsStmt<'_> {
    fn drop(&mut self) {
        self.stmt.free();
    }
}

fn bind(stmt: &ffi::JsStatement, params: &[Value]) -> Result<(), DbError> {
    stmt.reset().map_err(sqlite_error)?;
    stmt.bind(&params_array(params))
        .map_err(sqlite_error)
        .map(|_| ())
}

fn run_statement(
    stmt: &ffi::JsStatement,
    db: &SqlJsDb,
    params: &[Value],
) -> Result<usize, DbError> {
    bind(stmt, params)?;
    while stmt.step().map_err(sqlite_error)? {}
    Ok(db.db.get_rows_modified() as usize)
}

fn query_statement(stmt: &ffi::JsStatement, params: &[Value]) -> Result<QueryResult, DbError> {
    bind(stmt, params)?;
    let config = Object::new();
    Reflect::set(&config, &"useBigInt".into(), &JsValue::TRUE).map_err(engine_error)?;
    let config: JsValue = config.into();
    let mut rows = Vec::new();
    while stmt.step().map_err(sqlite_error)? {
        let row = stmt.get(&JsValue::NULL, &config).map_err(sqlite_error)?;
        rows.push(row.iter().map(from_js).collect());
    }
    let columns = stmt
        .get_column_names()
        .iter()
        .map(|c| c.as_string().unwrap_or_default())
        .collect();
    Ok(QueryResult { columns, rows })
}

impl super::Statement for SqlJsStmt<'_> {
    fn execute(&mut self, params: &[Value]) -> Result<usize, DbError> {
        run_statement(&self.stmt, self.db, params)
    }

    fn query(&mut self, params: &[Value]) -> Result<QueryResult, DbError> {
        query_statement(&self.stmt, params)
    }
}

impl super::Database for SqlJsDb {
    type Stmt<'a> = SqlJsStmt<'a>;

    fn exec_batch(&self, sql: &str) -> Result<(), DbError> {
        self.db.exec(sql).map(|_| ()).map_err(sqlite_error)
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<usize, DbError> {
        self.with_cached(sql, |stmt| run_statement(stmt, self, params))
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        self.with_cached(sql, |stmt| query_statement(stmt, params))
    }

    fn prepare<'a>(&'a self, sql: &str) -> Result<SqlJsStmt<'a>, DbError> {
        let stmt = self.db.prepare(sql).map_err(sqlite_error)?;
        Ok(SqlJsStmt { stmt, db: self })
    }

    fn export(&self) -> Result<Vec<u8>, DbError> {
        self.db.export().map(|a| a.to_vec()).map_err(sqlite_error)
    }

    fn attach_name(&self) -> Option<String> {
        Some(self.db.filename())
    }
}

// The simulator's Web Worker: loads the worker's wasm-bindgen glue (built by Trunk from
// src/bin/engine_worker.rs, `data-type="worker"`), then its WebAssembly, whose start function
// serves the page's requests (src/web/worker.rs). A file, not inline: the policy allows no
// inline script.
importScripts('./engine-worker.js');
wasm_bindgen({ module_or_path: './engine-worker_bg.wasm' });

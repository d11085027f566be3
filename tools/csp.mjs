// The Content-Security-Policy of the built app, in one place: tools/postbuild.mjs writes it into
// dist/index.html as a <meta>, tools/serve.mjs sends it as a header.
//   script-src  the app's own files only, no inline script, no eval; 'wasm-unsafe-eval' lets
//               WebAssembly compile (the app and sql.js), nothing else
//   style-src   the stylesheet only (the app sets no style attributes)
//   the rest    own origin only; no plugins; forms and <base> cannot point elsewhere
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

// Only a header can forbid framing (browsers ignore frame-ancestors in a <meta>, with a console
// error), so the server adds it.
export const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;

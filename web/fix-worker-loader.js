// The Fix it worker's loader (crates/fix-worker; started by crates/app/src/fix_worker.rs). The wasm
// starts asynchronously, and a message that arrives before its handler is set would be lost: they are
// kept here and handed to the handler once the worker's main() has set it.
importScripts("./fix-worker.js");
const early = [];
self.onmessage = (event) => early.push(event);
wasm_bindgen({ module_or_path: "./fix-worker_bg.wasm" }).then(() => {
  for (const event of early) self.onmessage(event);
});

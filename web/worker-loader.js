// The playground's web worker's loader (crates/worker; started by crates/app/src/worker.rs). The wasm
// starts asynchronously, and a message that arrives before its handler is set would be lost: they are
// kept here and handed to the handler once the worker's main() has set it. A wasm that cannot start
// is reported as the worker's error, so the page answers its waiting jobs instead of waiting forever.
importScripts("./worker.js");
const early = [];
self.onmessage = (event) => early.push(event);
wasm_bindgen({ module_or_path: "./worker_bg.wasm" }).then(
  () => {
    for (const event of early) self.onmessage(event);
  },
  (error) => {
    setTimeout(() => {
      throw error;
    });
  },
);

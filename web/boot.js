// Starts the app: imports the wasm-bindgen glue and instantiates the wasm. This is what Trunk
// would otherwise inline into index.html; as a file it passes the page's CSP (script-src 'self').
// Trunk.toml's pattern_script puts the hashed file names on this script's own element.
const boot = document.getElementById("roleplay-boot");
const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
// The Graph tab's panning and arrow keys (web/graph-canvas.js), once the app runs.
import("./graph-canvas.js");

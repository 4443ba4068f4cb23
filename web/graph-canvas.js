// The Graph tab's canvas (crates/app/src/components/graph.rs), what needs no Rust: dragging the
// background pans the canvas (a touch screen scrolls it natively), and the arrow keys move the focus
// between the drawing's nodes and edges (Tab reaches each too; Enter and Space are the app's). Kept
// here, by delegation on the document, so the page's size-budgeted wasm carries none of it.
let drag = null;
document.addEventListener("mousedown", (e) => {
  const canvas = e.target.closest?.(".graph-canvas");
  if (!canvas || e.button !== 0 || e.target.closest("[tabindex]")) return;
  e.preventDefault();
  drag = { canvas, x: e.clientX, y: e.clientY, left: canvas.scrollLeft, top: canvas.scrollTop };
});
window.addEventListener("mousemove", (e) => {
  if (!drag) return;
  drag.canvas.scrollLeft = drag.left - (e.clientX - drag.x);
  drag.canvas.scrollTop = drag.top - (e.clientY - drag.y);
});
window.addEventListener("mouseup", () => (drag = null));
document.addEventListener("keydown", (e) => {
  const by = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
  const canvas = e.target.closest?.(".graph-canvas");
  if (!by || !canvas || !e.target.matches("[tabindex]")) return;
  e.preventDefault();
  const shapes = [...canvas.querySelectorAll("[tabindex]")];
  const at = shapes.indexOf(e.target);
  shapes[(at + by + shapes.length) % shapes.length]?.focus();
});

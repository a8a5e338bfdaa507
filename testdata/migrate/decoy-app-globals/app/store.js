// A tiny store the page shares between its scripts through window.
window.store = {
  columns: [],
  set (columns) { this.columns = columns }
}
window.__KANBAN_DEBUG__ = false

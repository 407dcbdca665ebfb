/** Resizes happy-dom's window; its media queries (and their `change` events) follow. */
export function setWindowWidth(width: number): void {
  (window as unknown as { happyDOM: { setViewport(size: { width: number }): void } }).happyDOM.setViewport({ width });
}

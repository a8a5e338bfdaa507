exports.installTools = (target, ipc) => {
  target.pen = { draw: (points) => ipc.send('sketch:draw', points) }
  target.eraser = { clear: () => ipc.send('sketch:clear') }
}

class Player {
  on (event, fn) { this.handler = fn }
  getFrame () { return 'frame-1' }
}
window.room.attach(new Player(), { id: 7 })
window.room.watch(document.getElementById('share'))
window.recorder.start(7).then((rec) => rec.stop())
console.log(window.settings.get('theme'), window.paths.basename('/a/b.txt'))

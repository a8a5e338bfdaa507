window.synth.play('C4')
window.pad.louder()
console.log(window.pad.connected, window.state.preset)

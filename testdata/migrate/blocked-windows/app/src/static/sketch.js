document.getElementById('c').addEventListener('mouseup', () => window.pen.draw([[0, 0], [4, 4]]))

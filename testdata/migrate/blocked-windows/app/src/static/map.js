window.map.tile(0, 0).then((t) => { document.getElementById('map').textContent = t })

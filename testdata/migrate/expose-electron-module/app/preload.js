window.electron = require('electron')

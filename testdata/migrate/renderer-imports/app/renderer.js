const settings = require('./pages/settings')

settings.render(document.getElementById('app'))

// The settings page: a download folder picker and a few toggles.
const picker = require('../components/picker')

exports.render = (root) => {
  root.append(picker.create('Download to'))
}

const os = require('os')

exports.summary = () => `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`

// "remote" here is the app's remote-control feature, not Electron's remote module.
const remote = { connect: (host) => fetch(`https://${host}/api`) }
module.exports = { remote }

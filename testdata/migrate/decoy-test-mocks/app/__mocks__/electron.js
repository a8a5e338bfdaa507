// Jest stand-in for the electron module.
module.exports = {
  ipcRenderer: { invoke: jest.fn(), on: jest.fn(), send: jest.fn() },
  contextBridge: { exposeInMainWorld: (key, api) => { global[key] = api } }
}

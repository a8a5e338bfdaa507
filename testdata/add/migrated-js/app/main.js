// Pocket Notes: main process. Creates the window and answers the page's requests.
const { app, BrowserWindow, ipcMain } = require('electron');
const path = require('path');
const store = require('./store');

function createWindow() {
  const win = new BrowserWindow({
    width: 900,
    height: 700,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
    },
  });
  win.loadFile('index.html');
  return win;
}

app.whenReady().then(() => {
  ipcMain.handle('notes:list', () => store.list());
  ipcMain.on('notes:save', (event, name, text) => {
    store.save(name, text);
    event.sender.send('notes:saved', name);
  });

  createWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

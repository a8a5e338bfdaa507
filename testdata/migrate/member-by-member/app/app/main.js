'use strict';

const electron = require('electron');
const path = require('path');

const { app, BrowserWindow, ipcMain } = electron;

let win = null;

app.on('ready', () => {
  win = new BrowserWindow({
    width: 900,
    height: 600,
    webPreferences: {
      nodeIntegration: false,
      preload: path.resolve(__dirname, 'preload.js'),
    },
  });
  win.loadURL(`file://${__dirname}/index.html`);
});

ipcMain.handle('timer:start', (event, project) => ({ project, startedAt: Date.now() }));
ipcMain.handle('timer:stop', () => ({ stoppedAt: Date.now() }));
ipcMain.on('report:export', (event, format) => {
  event.sender.send('report:exported', `tally.${format}`);
});

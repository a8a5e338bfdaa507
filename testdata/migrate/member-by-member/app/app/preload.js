'use strict';

const { ipcRenderer } = require('electron');

const CHANNELS = {
  start: 'timer:start',
  stop: 'timer:stop',
};

window.tally = {};

// Starts the timer for a project.
window.tally.start = (project) => ipcRenderer.invoke(CHANNELS.start, project);
window.tally.stop = () => ipcRenderer.invoke(CHANNELS.stop); // resolves with the stop time

function formatName(format) {
  return String(format).toLowerCase();
}

window.tally.exportReport = function (format) {
  ipcRenderer.send('report:export', formatName(format));
};

window.reports = window.reports || {};
window.reports.onExported = (callback) => {
  ipcRenderer.on('report:exported', (_event, file) => callback(file));
};
window.reports.formats = ['csv', 'json'];

'use strict';

document.getElementById('start').addEventListener('click', async () => {
  const timer = await window.tally.start('website');
  console.log('started', timer.project);
});

document.getElementById('stop').addEventListener('click', async () => {
  const { stoppedAt } = await window.tally.stop();
  console.log('stopped', typeof stoppedAt);
});

window.reports.onExported((file) => console.log('exported', file));

document.getElementById('export').addEventListener('click', () => {
  window.tally.exportReport(window.reports.formats[0].toUpperCase());
});

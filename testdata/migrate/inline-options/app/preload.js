// Ünïcödé comment: the kiosk's bridge.
const { ipcRenderer } = require("electron");

window.kiosk = { reload: () => ipcRenderer.send("kiosk:reload"), title: "Café Kiosk" };

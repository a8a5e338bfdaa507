const { ipcRenderer } = require("electron");

window.panel = {
	next: () => ipcRenderer.send("panel:next"),
	previous: () => ipcRenderer.send("panel:previous")
};

// Kiosk viewer: one window, one side panel view.
const { app, BrowserWindow, BrowserView } = require("electron");
const path = require("path");

app.whenReady().then(() => {
	const win = new BrowserWindow({ width: 1280, height: 800, webPreferences: { preload: path.join(__dirname, "preload.js"), nodeIntegration: true, enableRemoteModule: true } });
	win.loadFile("index.html");

	const panel = new BrowserView({
		webPreferences: {
			nodeIntegration: process.env.KIOSK_DEBUG === "1", /* only for debugging */
			enableRemoteModule: false,
			preload: path.join(__dirname, "panel-preload.js")
		}
	});
	win.setBrowserView(panel);
	panel.webContents.loadFile("panel.html");
});

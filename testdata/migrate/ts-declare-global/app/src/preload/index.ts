import { ipcRenderer } from 'electron';
import type { Settings } from '../shared/settings';

const api = {
  getSettings: (): Promise<Settings> => ipcRenderer.invoke('settings:get'),
  saveSettings: (next: Settings): Promise<void> => ipcRenderer.invoke('settings:save', next),
};

window.api = api;
(window as any).api.openLogs = (): void => ipcRenderer.send('logs:open');
(window as any).appVersion = '3.2.0';

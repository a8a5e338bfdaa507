import electron from 'electron'
import fs from 'fs'
import path from 'path'

// Works in the main process and in the page: the page has no electron.app, so it borrows main's through remote.
const app = electron.app || electron.remote.app
const file = path.join(app.getPath('userData'), 'settings.json')

export function readSettings () {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { minutes: 25 }
}

export interface Settings {
  minutes: number
  sound: boolean
}

export interface Tile<F extends string> {
  x: number
  y: number
  format: F
}

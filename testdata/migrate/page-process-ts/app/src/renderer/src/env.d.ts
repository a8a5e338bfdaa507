interface BoardStatus {
  services: number
  failing: number
}

interface Window {
  board: {
    status: () => Promise<BoardStatus>
  }
}

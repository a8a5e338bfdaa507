export const format = (text) => text.trim().slice(0, 500)

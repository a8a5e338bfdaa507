export const COUNT = 'tally:count'

// Keeps notes in memory; a real app would write them to disk.
const notes = new Map();

module.exports = {
  list: () => [...notes.keys()].sort(),
  save: (name, text) => notes.set(name, text),
};

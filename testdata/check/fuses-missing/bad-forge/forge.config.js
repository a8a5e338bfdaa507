module.exports = {
  packagerConfig: {
    asar: true,
    icon: 'assets/timer',
  },
  makers: [
    { name: '@electron-forge/maker-squirrel', config: {} },
    { name: '@electron-forge/maker-zip', platforms: ['darwin'] },
  ],
}

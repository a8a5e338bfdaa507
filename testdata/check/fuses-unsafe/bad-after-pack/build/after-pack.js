const path = require('node:path')
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses')

// electron-builder calls this after copying the app and before signing it.
exports.default = async function afterPack(context) {
  const ext = { darwin: '.app', win32: '.exe' }[context.electronPlatformName] || ''
  const binary = path.join(context.appOutDir, context.packager.appInfo.productFilename + ext)
  await flipFuses(binary, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // The support team attaches a debugger to customer builds.
    [FuseV1Options.EnableNodeCliInspectArguments]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: false,
  })
}

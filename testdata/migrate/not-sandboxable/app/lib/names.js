exports.thumbnailName = (file) => file.replace(/\.[^.]+$/, '') + '.thumb.jpg'

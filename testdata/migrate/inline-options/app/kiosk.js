document.getElementById("t").textContent = window.kiosk.title;
setTimeout(() => window.kiosk.reload(), 60000);

// A print button where scripts run (the browser's own print works everywhere).
for (const b of document.querySelectorAll('[data-print]')) {
  b.hidden = false;
  b.addEventListener('click', () => window.print());
}

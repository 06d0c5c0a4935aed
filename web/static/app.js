// Small enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // After a failed submit, move focus to the error summary so it is read out first.
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
  // Print buttons exist only where printing makes a document; without JavaScript the browser's own print works.
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
});

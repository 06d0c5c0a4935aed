// Small enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // After a failed submit, move focus to the error summary so it is read out first.
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
});

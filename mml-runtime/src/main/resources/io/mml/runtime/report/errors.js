/* Collects script errors and console.error calls into #report-errors and html[data-errors]: a page that
   renders with errors says so in its own DOM (what the browser test reads). Runs before any other script. */
(function () {
  'use strict';
  var errors = [];
  function show() {
    document.documentElement.setAttribute('data-errors', String(errors.length));
    var box = document.getElementById('report-errors');
    if (box && errors.length > 0) {
      box.hidden = false;
      box.textContent = errors.join('\n');
    }
  }
  window.addEventListener('error', function (e) {
    errors.push('error: ' + e.message + ' (' + (e.filename || 'inline') + ':' + e.lineno + ')');
    show();
  });
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('unhandled rejection: ' + e.reason);
    show();
  });
  var original = console.error;
  console.error = function () {
    errors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
    show();
    return original.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', show);
})();

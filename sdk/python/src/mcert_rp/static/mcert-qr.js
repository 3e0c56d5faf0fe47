/* mcert-qr.js: the animated mCert QR code on a relying party's web page.
 *
 * No npm, no build step: serve this file from your own origin and load it with
 *   <script src="/static/mcert-qr.js"></script>
 * Your backend holds the session (and its qr_secret, which never reaches the browser) and
 * answers two routes for a session id of its own:
 *   GET {base}/frame   -> {"qr": "<current QR text>", "seconds": <n>}   (SessionHandle.current_qr)
 *   GET {base}/qr.svg?s=<n> -> the QR image of that frame (any image type; optional)
 * The code changes every second and only the last few seconds' codes are accepted, so
 * this script fetches the current frame once a second and swaps the image in without a
 * flicker. Call stop() once the phone has scanned (your status poll says hint != outstanding)
 * or the session ended.
 *
 *   const qr = mcertQR(document.querySelector('img#qr'), '/api/sessions/' + id, {
 *     onFrame: f => { console.log(f.qr); },   // e.g. show the text for copy-paste
 *   });
 *   ...
 *   qr.stop();
 *
 * Options: interval (ms, default 1000); image (false: only fetch frames, draw them yourself
 * in onFrame); onFrame(frame); onError(error). Works in every browser with fetch().
 */
(function (global) {
  'use strict';

  function mcertQR(img, base, options) {
    var opts = options || {};
    var interval = opts.interval || 1000;
    var running = true;
    var timer = null;
    var last = -1;

    function schedule() {
      if (running) timer = setTimeout(tick, interval);
    }

    function tick() {
      fetch(base + '/frame', { cache: 'no-store', credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        })
        .then(function (frame) {
          if (!running || frame.seconds === last) return;
          last = frame.seconds;
          if (img && opts.image !== false) {
            // Load off-screen first: the visible code never goes blank between frames.
            var next = new Image();
            next.onload = function () { if (running) img.src = next.src; };
            next.src = base + '/qr.svg?s=' + encodeURIComponent(frame.seconds);
          }
          if (opts.onFrame) opts.onFrame(frame);
        })
        .catch(function (e) { if (opts.onError) opts.onError(e); })
        .then(schedule);
    }

    tick();
    return {
      stop: function () {
        running = false;
        if (timer !== null) clearTimeout(timer);
      },
    };
  }

  global.mcertQR = mcertQR;
})(typeof window !== 'undefined' ? window : this);

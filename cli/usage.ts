// The help text: every command, its flags, the key sources and the exit codes.
export const USAGE = `seedance <command> [options]

  start                 run the offline simulator (same as npm start)
      [--port 4010] [--host 127.0.0.1] [--speed 1] [--scenario succeed] [--quiet]
      [--public-url URL] [--cors] [--api-key-file F] [--allowed-host H]... [--callback-allow URL]...
      the key it requires (also SEEDANCE_SIMULATOR_KEY) guards every path, /__simulator/* too
      [--replay traffic.har [--replay-strict] [--dialect D]]: answer requests a recording holds
      with the recorded answers, in order; the rest is simulated (404 with --replay-strict)
  generate              submit a request and wait for the video, then download it
      --model M [--prompt P] [--request file.json] [--first-frame SRC] [--last-frame SRC]
      [--reference-image SRC]... [--reference-video SRC]... [--source-video SRC]...
      [--reference-audio SRC]... [--draft-task ID] [--duration S] [--frames N]
      [--resolution R] [--ratio R] [--seed N] [--[no-]watermark] [--[no-]camera-fixed]
      [--[no-]generate-audio] [--return-last-frame] [--draft] [--service-tier T]
      [--expires-after S] [--callback-url URL] [--dialect D] [--validation strict|warn|off]
      [--out video.mp4] [--force] [--max-size 2GiB] [--timeout 600] [--poll-interval 5]
      [--download-timeout S]
      SRC is a URL, an asset:// id, a data: URI or a local file (at most 64 MiB). Without --out
      the video is saved in the working directory as <task id>.mp4 (the id reduced to safe
      characters; video-<time>.mp4 when the id looks like a secret). An existing file is
      overwritten only with --force; the bytes must be a video (MP4), at most --max-size.
  submit                like generate, but print the task handle and return at once
      --validation: strict (default) refuses a request the dialect's contract refuses and sends
      nothing; warn sends it and prints each issue; off sends what was written, unchecked
  status <handle>       read a task once       (handle: JSON, a file holding it, or - for stdin)
  wait <handle>         wait for a task, then download it [--out video.mp4] [--force]
                        [--max-size 2GiB] [--timeout 600] (the download gets the time left of
                        --timeout, or --download-timeout S); run it again to retry a download
  cancel <handle>       cancel a task that is still queued (where the dialect can)
  delete <handle>       delete a finished task and its video at the gateway (ark)
      status, wait, cancel and delete send the key only to a handle whose URL is configured
      (--base-url / SEEDANCE_BASE_URL); --trust-handle-url sends it to the URL the handle names
  models                list the documented models and the routing table
  validate <file.json>...  check a canonical request against its dialect's contract [--dialect D]
      --wire --dialect D   check a wire body as sent, with the client's and simulator's validator
  check                 contract conformance of a live server: every documented operation,
                        every answer checked against its documented schema
      --target URL (one URL or a {dialect} template; default the local simulator)
      [--dialects a,b] [--allow-submit] [--report junit|json FILE]...
  proxy                 forward your app's traffic to a gateway unchanged, checking every exchange
                        against the contract; one line per violation, a summary on Ctrl-C
      --target URL --dialect D [--port 4020] [--host 127.0.0.1] [--record traffic.har]
      [--report drift.json] [--no-bodies] [--max-body BYTES]
  drift <file.har>      the proxy's checks over a recording (ours, a browser's or Postman's)
      --dialect D [--target URL] [--report drift.json]

Common: --base-url URL (or SEEDANCE_BASE_URL; one URL, or a template with {dialect};
default http://127.0.0.1:4010/{dialect}, the simulator), --json (JSON Lines on stdout),
--version. The key is never printed.

API key, strongest source first: SEEDANCE_API_KEY; --api-key-file PATH; --api-key-stdin (or
--api-key-file -); --api-key KEY last, because every user of the machine can read it in the
process list while the command runs and it stays in shell history.

Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 invalid request, 4 API or connection error,
5 timed out (waiting or downloading; the task may still finish), 6 task failed, cancelled or
expired, 7 contract checks failed (check; proxy and drift: a violation), 8 the submit's outcome is
unknown (its answer was lost, or a 5xx or 408: the gateway may have accepted and billed the task;
check before submitting again; --json says mayHaveBeenAccepted), 130 interrupted (the task goes on;
resume with seedance wait). drift exits 2 when the recording cannot be read.`;

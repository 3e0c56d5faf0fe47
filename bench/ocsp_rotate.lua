-- wrk script: GET one of several hundred pre-built OCSP request paths, in rotation.
-- The paths file (one URL path per line) is named by the OCSP_PATHS environment variable.
-- done() prints one JSON line for bench/ocsp.py to read.

-- wrk's default resolve() test-connects and closes without sending anything; the
-- `openssl ocsp` responder of OpenSSL 3.0 then spins on that empty connection forever and
-- never serves another. Use the looked-up address without the test connection.
function wrk.resolve(host, service)
  wrk.addrs = { wrk.lookup(host, service)[1] }
end

local paths = {}
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  for line in io.lines(os.getenv("OCSP_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  -- Threads start at different offsets so they do not ask for the same serials in step.
  counter = (id or 0) * 97
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end

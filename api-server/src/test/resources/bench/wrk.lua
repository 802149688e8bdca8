-- wrk script of ApiLoadBenchmark: prints one machine-readable line at the end; with LOGIN_USERS set, every request
-- is a login of one of the users load-0..load-(LOGIN_USERS-1)@bench.example, threads and connections spread over them.
local users = tonumber(os.getenv("LOGIN_USERS") or "0")
local password = os.getenv("LOGIN_PASSWORD")
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local counter = 0
if users > 0 then
  request = function()
    counter = counter + 1
    local body = string.format('{"email":"load-%d@bench.example","password":"%s"}', (id + counter * 2) % users,
      password)
    return wrk.format("POST", "/v1/auth/login", { ["Content-Type"] = "application/json" }, body)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d durationMicros=%d non2xx=%d socketErrors=%d p50Micros=%d p99Micros=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end

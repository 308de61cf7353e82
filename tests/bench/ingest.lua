-- wrk script for tests/bench/ingest.py: POST statements as many learners.
-- args: <learners file> <phase number> <statements per request>
-- learners file lines: "<user pk> <session key> <csrf token>"
-- The first line: "<lesson 1 pk> <lesson 2 pk> <film block id>"

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  learners, counter = {}, 0
  phase, per_request = tonumber(args[2]), tonumber(args[3])
  local first = true
  for line in io.lines(args[1]) do
    local a, b, c = line:match("^(%S+) (%S+) (%S+)$")
    if first then
      lesson1, lesson2, film = a, b, c
      first = false
    else
      table.insert(learners, { pk = a, session = b, csrf = c })
    end
  end
end

local function statement(learner, n, i)
  local id = string.format("%08x-%04x-4000-8000-%012x", phase, tid, n * 64 + i)
  local ts = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local actor = '{"account":{"name":"' .. learner.pk .. '"}}'
  if i % 2 == 0 then
    return '{"id":"' .. id .. '","actor":' .. actor ..
      ',"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"}' ..
      ',"object":{"id":"urn:kurs:lesson:' .. lesson1 .. ':lesson-' .. lesson1 .. '"}' ..
      ',"timestamp":"' .. ts .. '"}'
  end
  local stop = (i % 6) + 1
  return '{"id":"' .. id .. '","actor":' .. actor ..
    ',"verb":{"id":"https://w3id.org/xapi/video/verbs/played"}' ..
    ',"object":{"id":"urn:kurs:lesson:' .. lesson2 .. ':' .. film .. '"}' ..
    ',"result":{"extensions":{"https://w3id.org/xapi/video/extensions/played-segments":"0[.]' ..
    stop .. '"}},"timestamp":"' .. ts .. '"}'
end

function request()
  counter = counter + 1
  local learner = learners[((counter * 7 + tid * 13) % #learners) + 1]
  local body
  if per_request == 1 then
    body = statement(learner, counter, 0)
  else
    local parts = {}
    for i = 0, per_request - 1 do
      parts[#parts + 1] = statement(learner, counter, i)
    end
    body = "[" .. table.concat(parts, ",") .. "]"
  end
  return wrk.format("POST", "/laering/hendelser/", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "sessionid=" .. learner.session .. "; csrftoken=" .. learner.csrf,
    ["X-CSRFToken"] = learner.csrf,
  }, body)
end

function response(status, headers, body)
  if status == 202 then
    accepted = (accepted or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("accepted") or 0)
  end
  io.write(string.format("ACCEPTED %d\n", total))
  io.write(string.format("LATENCY p50_us=%d p99_us=%d\n",
    latency:percentile(50), latency:percentile(99)))
end

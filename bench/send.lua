-- wrk script: children sending their views, each with a new Idempotency-Key, as the app does.
--   wrk -t2 -c64 -d20s -s bench/send.lua http://localhost:8080 -- SENDERS_FILE THREADS RUN_ID
-- SENDERS_FILE has one line per child: "mysay_session=<token> <conference id>". Each thread takes every
-- THREADS-th child and goes round them in turn, so with as many children as connections a child rarely has two
-- sendings in flight at once.
package.path = package.path .. ";bench/?.lua"
local report = require("report")

local threads, count = {}, 0
function setup(thread)
  count = count + 1
  thread:set("tid", count)
  table.insert(threads, thread)
end

local mine, at, sent, run = {}, 0, 0, "run"
local body = [[{"goodThings":{"text":"Football with Sami after school, and my nan makes pancakes on Sunday when we visit her. I like my new teacher because she listens to me, and I got a star for reading this week.","parentsMaySee":true},]]
  .. [["worries":{"text":"I worry when mum and dad shout at night and I cannot sleep. I do not want to move school again because I would miss my friends and my football team.","parentsMaySee":false},]]
  .. [["wishes":{"text":"I wish I could see my brother more often and have my own room, and that everyone would stop arguing so we can all have tea together.","parentsMaySee":true},]]
  .. [["safety":{"score":7,"parentsMaySee":true},"takingPart":{"ways":["COME_TO_PART","JOIN_BY_VIDEO"],"whoWithMe":"My nan and my teacher","parentsMaySee":true},]]
  .. [["advocate":{"choice":"HAVE_ONE","parentsMaySee":true},"questions":{"text":"Will I still see my dad at the weekend? Who will read what I wrote?","parentsMaySee":false},]]
  .. [["authorship":{"kind":"CHILD"}}]]

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  run = args[3] or tostring(os.time())
  local i = 0
  for line in io.lines(file) do
    local cookie, conference = line:match("^(%S+)%s+(%S+)$")
    if cookie and i % nthreads == tid - 1 then
      table.insert(mine, { cookie = cookie, path = "/api/child/conferences/" .. conference .. "/views/send" })
    end
    i = i + 1
  end
end

function request()
  at = at % #mine + 1
  sent = sent + 1
  local s = mine[at]
  return wrk.format("POST", s.path, {
    ["Cookie"] = s.cookie, ["Content-Type"] = "application/json", ["X-MySay-Request"] = "1",
    ["Idempotency-Key"] = string.format("wrk-%s-%d-%d", run, tid, sent) }, body)
end

done = report.done

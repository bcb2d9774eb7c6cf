-- wrk script: one signed-in member of staff reading a page.
--   wrk -t1 -c4 -d10s -s bench/get.lua http://localhost:8080 -- PATH COOKIE_FILE ACCEPT
package.path = package.path .. ";bench/?.lua"
local report = require("report")
local req
function init(args)
  local f = assert(io.open(args[2]))
  local cookie = f:read("*l")
  f:close()
  req = wrk.format("GET", args[1], { ["Cookie"] = cookie, ["Accept"] = args[3] or "application/json",
    ["Accept-Encoding"] = "gzip" })
end
function request() return req end
done = report.done

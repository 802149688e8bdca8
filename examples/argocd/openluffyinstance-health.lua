-- Argo CD health of an openluffy.io/OpenLuffyInstance.
-- Progressing: the operator has not caught up with the latest spec (status.observedGeneration
--   behind metadata.generation), or the instance is still being provisioned or bootstrapped,
--   including waits that resolve by themselves (admin Secret not created yet, API server unreachable).
-- Degraded: a condition failed for a reason that only a change by a person fixes, or the operator
--   reports the Failed or Degraded phase; the condition's message says what to change.
-- Healthy: condition Ready is True for the current generation.
local hs = {}

local needsAction = {
  InvalidSpec = true,
  NamespaceConflict = true,
  AdminRejected = true,
  AdminSecretInvalid = true,
  AdminSecretNotAllowed = true,
  RetainedDataFound = true,
}

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick up the instance"
  return hs
end

local generation = obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to reconcile generation " .. generation
  return hs
end

local ready = nil
for _, condition in ipairs(status.conditions or {}) do
  if condition.status == "False" and needsAction[condition.reason] then
    hs.status = "Degraded"
    hs.message = condition.type .. " (" .. condition.reason .. "): " .. (condition.message or "")
    return hs
  end
  if condition.type == "Ready" then
    ready = condition
  end
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "Ready"
  return hs
end

local detail = "phase " .. (status.phase or "Pending")
if ready ~= nil and ready.message ~= nil then
  detail = ready.message
end
if status.phase == "Failed" or status.phase == "Degraded" then
  hs.status = "Degraded"
else
  hs.status = "Progressing"
end
hs.message = detail
return hs

-- A session in a real Neovim, run by test/editors/run.ts after the README's Neovim configuration:
--   nvim --headless -u <README's init.lua> -c 'luafile test/editors/neovim.lua'
-- in a copy of the examples (the current directory). It opens the examples and waits for their
-- diagnostics, then edits fixtures/session.fsql as a user would — completion with Ctrl-X Ctrl-O, a
-- hover, a quick fix through vim.lsp.buf.code_action(), formatting, a rename — saves it, and checks
-- that a connection written to disk afterwards resolves. What it saw goes to $FLINKSQL_EDITOR_RESULT
-- as JSON; run.ts compares it with the checker and with fixtures/session.expected.fsql.
local result = { editor = 'Neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), steps = {}, diagnostics = {} }
local expected_counts = vim.fn.json_decode(os.getenv('FLINKSQL_EDITOR_EXPECTED_COUNTS'))

local function save_result()
  local file = assert(io.open(os.getenv('FLINKSQL_EDITOR_RESULT'), 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function step(name, detail)
  table.insert(result.steps, { name = name, detail = detail })
end

-- Waits (without blocking Neovim's loop: the coroutine yields to it) until `probe` returns a value.
local function wait(what, probe, timeout_ms)
  local deadline = vim.loop.now() + (timeout_ms or 30000)
  local co = coroutine.running()
  while true do
    local value = probe()
    if value then return value end
    if vim.loop.now() > deadline then error('timed out waiting for ' .. what, 0) end
    vim.defer_fn(function()
      local ok, err = coroutine.resume(co)
      if not ok then
        result.error = tostring(err)
        save_result()
        vim.cmd('cquit! 1')
      end
    end, 50)
    coroutine.yield()
  end
end

local function keys(text)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(text, true, false, true), 'n', false)
end

local function client_of(buf)
  return wait('the language server to attach to ' .. vim.api.nvim_buf_get_name(buf), function()
    local clients = vim.lsp.buf_get_clients(buf)
    for _, client in pairs(clients) do
      if client.initialized then return client end
    end
  end)
end

local function lsp_code(diagnostic)
  return diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code or diagnostic.code
end

local function line_of(buf, pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find(pattern) then return i, line end
  end
  error('no line matches ' .. pattern, 0)
end

local function session()
  -- 1. The examples, and their diagnostics: the same as the checker's.
  for name, count in pairs(expected_counts) do
    vim.cmd('edit ' .. vim.fn.fnameescape(name))
    local buf = vim.api.nvim_get_current_buf()
    client_of(buf)
    local ok = pcall(wait, count .. ' diagnostics in ' .. name, function() return #vim.diagnostic.get(buf) == count end)
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(found, { d.lnum + 1, d.col + 1, lsp_code(d) })
    end
    result.diagnostics[name] = { filetype = vim.bo[buf].filetype, found = found, settled = ok }
  end

  -- 2. The session file: Flink SQL by its extension, with its diagnostics.
  vim.cmd('edit fixtures/session.fsql')
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local client = client_of(buf)
  wait('the diagnostics of session.fsql', function() return #vim.diagnostic.get(buf) > 0 end)

  -- 3. Completion, as a user completes: at the end of `'type' = 'mo`, Ctrl-X Ctrl-O.
  local lnum, line = line_of(buf, "'type' = 'mo$")
  vim.api.nvim_win_set_cursor(0, { lnum, #line })
  keys('A<C-x><C-o>')
  wait('the completion to insert its first match', function()
    return vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, false)[1] ~= line
  end)
  -- A single match is inserted without a menu; with a menu, Ctrl-Y accepts the match.
  keys((vim.fn.pumvisible() == 1 and '<C-y>' or '') .. '<Esc>')
  wait('normal mode', function() return vim.api.nvim_get_mode().mode == 'n' end)
  step('completion', vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum + 1, false))

  -- 4. Hover on the type 'openai'.
  local type_line = line_of(buf, "'type' = 'openai'")
  vim.api.nvim_win_set_cursor(0, { type_line, 13 })
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000)
  local contents = hover and hover[client.id] and hover[client.id].result and hover[client.id].result.contents
  result.hover = contents

  -- 5. The quick fix for 'ap-key', chosen from vim.lsp.buf.code_action()'s menu by its title.
  local key_line = line_of(buf, "'ap%-key'")
  vim.api.nvim_win_set_cursor(0, { key_line, 4 })
  wait('the diagnostic of ap-key', function()
    return #vim.diagnostic.get(buf, { lnum = key_line - 1 }) > 0
  end)
  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if title:find("Rename to 'api%-key'") then return on_choice(item, i) end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  wait("the quick fix to rename 'ap-key'", function()
    return vim.api.nvim_buf_get_lines(buf, key_line - 1, key_line, false)[1]:find("'api%-key'")
  end)
  step('code action', offered)

  -- 6. Formatting (indenting with two spaces, as the expected file does), then 7. a rename of the
  -- connection at its CREATE.
  vim.bo[buf].expandtab = true
  vim.bo[buf].shiftwidth = 2
  vim.lsp.buf.formatting_sync(nil, 10000)
  local name_line = line_of(buf, '`helpdesk%-openai`')
  vim.api.nvim_win_set_cursor(0, { name_line, 20 })
  vim.lsp.buf.rename('helpdesk-ai')
  wait('the rename', function()
    return not table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'):find('helpdesk%-openai')
  end)
  vim.cmd('write')

  -- 8. A connection written to disk now (by another program) resolves the table's reference once
  -- the editor saves: Neovim 0.7 watches no files for the server.
  local function unknown()
    local names = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if lsp_code(d) == 'unknown-connection' then table.insert(names, d.message) end
    end
    return names
  end
  wait('the table to name an unknown connection', function() return #unknown() == 1 end)
  local archive = assert(io.open('archive.sql', 'w'))
  archive:write("CREATE CONNECTION helpdesk_archive WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://archive.mongodb.net/kb', 'username' = 'u', 'password' = '{{sessionconfig/sql.secrets.archive}}');\n")
  archive:close()
  vim.cmd('write')
  local ok = pcall(wait, 'the unknown connection to resolve', function() return #unknown() == 0 end, 15000)
  step('workspace follows the disk', { resolved = ok, unknown = unknown() })

  save_result()
  vim.cmd('qall!')
end

local co = coroutine.create(function()
  local ok, err = pcall(session)
  if not ok then
    result.error = tostring(err)
    save_result()
    vim.cmd('cquit! 1')
  end
end)
-- Start once Neovim's loop runs (after startup), so that keys typed by the session are read.
vim.defer_fn(function() coroutine.resume(co) end, 0)

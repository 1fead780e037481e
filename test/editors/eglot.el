;;; eglot.el --- A session in a real Emacs with eglot  -*- lexical-binding: t -*-

;; Run by test/editors/run.ts after the README's Emacs configuration:
;;   emacs --batch -q -l <README's init.el> -l test/editors/eglot.el
;; in a copy of the examples (the current directory), which has a `.git' folder that is no
;; repository: eglot's project lookup fails there, so it refuses the server's file-watcher
;; registration, as it did in the issue.  The session opens the examples and waits for their
;; diagnostics, then edits fixtures/session.fsql as a user would -- `completion-at-point', a hover,
;; `eglot-code-actions' (the pick made as a user would), `eglot-format-buffer', `eglot-rename' --
;; saves it, and checks that a connection written to disk afterwards resolves.  What it saw goes to
;; $FLINKSQL_EDITOR_RESULT as JSON; run.ts compares it with the checker and the expected file.

;;; Code:

(require 'cl-lib)
(require 'json)
(require 'flymake)

(defvar flinksql-test--result (make-hash-table :test 'equal))
(defvar flinksql-test--steps nil)

(defun flinksql-test--save ()
  "Write the result file."
  (puthash "steps" (vconcat (reverse flinksql-test--steps)) flinksql-test--result)
  (with-temp-file (getenv "FLINKSQL_EDITOR_RESULT")
    (insert (json-encode flinksql-test--result))))

(defun flinksql-test--step (name detail)
  "Record step NAME with DETAIL."
  (push (let ((step (make-hash-table :test 'equal)))
          (puthash "name" name step)
          (puthash "detail" detail step)
          step)
        flinksql-test--steps))

(defun flinksql-test--wait (what probe &optional seconds)
  "Run Emacs's loop until PROBE returns non-nil (that value), or fail after SECONDS naming WHAT."
  (let ((deadline (+ (float-time) (or seconds 30))) value)
    (while (and (not (setq value (funcall probe))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or value (error "Timed out waiting for %s" what))))

(defun flinksql-test--open (file)
  "Visit FILE and wait until eglot manages it."
  (find-file file)
  ;; `eglot-ensure' connects after the next command; in batch no command runs, so run its hook.
  (run-hooks 'post-command-hook)
  (flinksql-test--wait (format "eglot to manage %s" file) (lambda () (bound-and-true-p eglot--managed-mode)))
  (flymake-start))

(defun flinksql-test--between-commands ()
  "What happens between a user's commands: eglot sends the buffer's changes when Emacs is idle.
A batch Emacs is never idle, so this sends them as eglot's idle timer would."
  (eglot--signal-textDocument/didChange)
  (accept-process-output nil 0.1))

(defun flinksql-test--code (diagnostic)
  "The LSP code of the Flymake DIAGNOSTIC that eglot made."
  (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diagnostic))) :code))

(defun flinksql-test--goto (regexp)
  "Move to the start of the first match of REGEXP; return the line's text."
  (goto-char (point-min))
  (unless (re-search-forward regexp nil t) (error "No match for %s" regexp))
  (goto-char (match-beginning 0))
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun flinksql-test--unknown-connections ()
  "The messages of the buffer's unknown-connection diagnostics."
  (cl-loop for d in (flymake-diagnostics) when (equal (flinksql-test--code d) "unknown-connection")
           collect (flymake-diagnostic-text d)))

(defun flinksql-test--session ()
  "The session."
  (puthash "editor" (format "Emacs %s, eglot %s" emacs-version
                            (if (string-match "eglot-\\([0-9.]+\\)/" (locate-library "eglot")) (match-string 1 (locate-library "eglot")) "?"))
           flinksql-test--result)
  ;; 1. The examples, and their diagnostics: the same as the checker's.
  (let ((diagnostics (make-hash-table :test 'equal))
        (counts (json-read-from-string (getenv "FLINKSQL_EDITOR_EXPECTED_COUNTS"))))
    (puthash "diagnostics" diagnostics flinksql-test--result)
    (dolist (entry counts)
      (let ((name (symbol-name (car entry))) (count (cdr entry)) (seen (make-hash-table :test 'equal)))
        (flinksql-test--open name)
        (puthash "settled" (if (ignore-errors
                                 (flinksql-test--wait (format "%d diagnostics in %s" count name)
                                                      (lambda () (= (length (flymake-diagnostics)) count))))
                               t :json-false)
                 seen)
        (puthash "mode" (symbol-name major-mode) seen)
        (puthash "found" (vconcat (mapcar (lambda (d) (vector (line-number-at-pos (flymake-diagnostic-beg d))
                                                              (save-excursion (goto-char (flymake-diagnostic-beg d)) (1+ (current-column)))
                                                              (flinksql-test--code d)))
                                          (flymake-diagnostics)))
                 seen)
        (puthash name seen diagnostics))))

  ;; 2. The session file: Flink SQL by its extension, with its diagnostics.
  (flinksql-test--open "fixtures/session.fsql")
  (puthash "mode" (symbol-name major-mode) flinksql-test--result)
  (flinksql-test--wait "the diagnostics of session.fsql" (lambda () (flymake-diagnostics)))

  ;; 3. Completion, as a user completes: `completion-at-point' at the end of `'type' = 'mo'.
  ;; eglot's default completion style (flex) lists `mongodb' and `cosmosdb'; the user picks `mongodb'
  ;; in *Completions*, which runs eglot's exit function: it applies the item's edit.
  (let ((line (flinksql-test--goto "'type' = 'mo$")))
    (end-of-line)
    (completion-at-point)
    (when (equal line (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
      (with-selected-window (or (get-buffer-window "*Completions*") (display-buffer "*Completions*"))
        (goto-char (point-min))
        (while (and (not (equal (get-text-property (point) 'completion--string) "mongodb")) (not (eobp)))
          (next-completion 1))
        (choose-completion))))
  (flinksql-test--step "completion" (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

  (flinksql-test--between-commands)
  ;; 4. Hover on the type 'openai' (ElDoc shows what this answers).
  (flinksql-test--goto "'openai'")
  (forward-char 2)
  (let ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover (eglot--TextDocumentPositionParams))))
    (puthash "hover" (let ((contents (plist-get hover :contents)) (table (make-hash-table :test 'equal)))
                       (puthash "kind" (plist-get contents :kind) table)
                       (puthash "value" (plist-get contents :value) table)
                       table)
             flinksql-test--result))

  (flinksql-test--between-commands)
  ;; 5. The quick fix for 'ap-key', picked from `eglot-code-actions' by its title.
  (flinksql-test--goto "'ap-key'")
  (forward-char 1)
  (flinksql-test--wait "the diagnostic of ap-key" (lambda () (flymake-diagnostics (point))))
  (let (offered)
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt collection &rest _)
                 (setq offered (mapcar #'car collection))
                 "Rename to 'api-key'")))
      ;; As after a key (not a mouse click): eglot then asks with `completing-read'.
      (let ((last-nonmenu-event ?\C-c))
        (eglot-code-actions (point) nil nil t)))
    (flinksql-test--step "code action" (vconcat offered)))

  ;; 6. Formatting (indenting with two spaces, as the expected file does), then 7. a rename of the
  ;; connection at its CREATE.
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 2)
  (eglot-format-buffer)
  (flinksql-test--between-commands)
  (flinksql-test--goto "`helpdesk-openai`")
  (forward-char 3)
  (eglot-rename "helpdesk-ai")
  (flinksql-test--between-commands)
  (save-buffer)

  ;; 8. A connection written to disk now (by another program) resolves the table's reference once the
  ;; editor saves: eglot refused to watch files here.
  (flinksql-test--step "file watches" (hash-table-count (eglot--file-watches (eglot--current-server-or-lose))))
  (flinksql-test--wait "the table to name an unknown connection" (lambda () (= (length (flinksql-test--unknown-connections)) 1)))
  (with-temp-file (expand-file-name "archive.sql" (locate-dominating-file default-directory ".git"))
    (insert "CREATE CONNECTION helpdesk_archive WITH ('type' = 'mongodb', 'endpoint' = 'mongodb+srv://archive.mongodb.net/kb', 'username' = 'u', 'password' = '{{sessionconfig/sql.secrets.archive}}');\n"))
  (set-buffer-modified-p t)
  (save-buffer)
  (let* ((resolved (ignore-errors (flinksql-test--wait "the unknown connection to resolve" (lambda () (null (flinksql-test--unknown-connections))) 15)))
         (detail (make-hash-table :test 'equal)))
    (puthash "resolved" (if resolved t :json-false) detail)
    (puthash "unknown" (vconcat (flinksql-test--unknown-connections)) detail)
    (flinksql-test--step "workspace follows the disk" detail)))

(condition-case error
    (progn
      (flinksql-test--session)
      (flinksql-test--save)
      (kill-emacs 0))
  (error
   (puthash "error" (error-message-string error) flinksql-test--result)
   (flinksql-test--save)
   (kill-emacs 1)))

;;; eglot.el ends here

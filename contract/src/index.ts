// parley-contract: what Parley's widget and every backend agree on. Importing it has no
// side effects and pulls in no dependency.
export type {
  AdminComment,
  AdminPage,
  Comment,
  CommentAuthor,
  CommentCount,
  CommentCounts,
  CommentPage,
  CommentEdit,
  CommentStatus,
  ErrorResponse,
  Features,
  ListQuery,
  LocatedComment,
  NewComment,
  NewCommentAuthor,
  NewCommentRequest,
  PostedComment,
  CommentReport,
  ReactionState,
  ReportReason,
  ReportState,
  SortOrder,
  WireErrorCode,
} from './wire.js';
export type {
  AdminBan,
  AdminBanPage,
  AdminBanRequest,
  AdminBanResult,
  AdminReports,
  AdminUnbanRequest,
  AdminUnbanResult,
  AdminBulkRequest,
  AdminBulkResult,
  AdminCounts,
  AdminQueueComment,
  AdminQueuePage,
  AdminSession,
  AdminSignIn,
  AdminThreadAction,
  AuditEntry,
  AuditPage,
} from './wire.js';
export type {ParleyErrorCode} from './errors.js';
export {errorBody, isErrorCode} from './errors.js';
export {
  AUTHOR_HEADER,
  AUTHOR_TOKEN_PATTERN,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  REPLAYED_HEADER,
  SECRET_HEADER,
  SECRET_PATTERN,
  threadPath,
} from './http.js';
export {commentPath} from './comment-path.js';
export {
  DEFAULT_EDIT_WINDOW,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIN_LENGTH,
  DEFAULT_PAGE_SIZE,
  MAX_COUNT_THREADS,
  MAX_EMAIL_LENGTH,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PAGE_SIZE,
  MAX_REPORT_NOTE_LENGTH,
  REPORT_REASONS,
  MAX_THREAD_LENGTH,
} from './limits.js';
export {checkBody, checkName, countCharacters, normalizeText} from './count.js';
export type {LengthCheck, LengthRules, RuleViolation} from './count.js';

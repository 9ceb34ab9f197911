// Staff pages' enhancements: showing a password, focus on the error summary and on success
// messages, the service navigation's menu on small screens, and no double sending. Every
// staff page works without this script.
import {
  Button,
  ErrorSummary,
  NotificationBanner,
  PasswordInput,
  ServiceNavigation,
  createAll
} from 'govuk-frontend'

createAll(Button)
createAll(ErrorSummary)
createAll(NotificationBanner)
createAll(PasswordInput)
createAll(ServiceNavigation)

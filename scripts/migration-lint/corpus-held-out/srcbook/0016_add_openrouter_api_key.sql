ALTER TABLE `config` ADD `openrouter_api_key` text;
